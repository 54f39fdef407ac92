"""The data layer: models, the queries views and services may use, migrations."""
