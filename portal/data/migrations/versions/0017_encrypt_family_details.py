"""Encrypt at rest what identifies a family, and staff sign-in secrets

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08 02:20:00

The columns become text holding "enc:v1:<Fernet token>" (portal/data/encrypted.py); rows
already there are encrypted here, under the app's DATA_ENCRYPTION_KEY.
"""
import json

from alembic import op
import sqlalchemy as sa

from portal.data.encrypted import PREFIX, decrypt, encrypt


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

COLUMNS = {
    'referral': ('children', 'own_words', 'contact'),
    'referral_draft': ('answers',),
    'staff_user': ('totp_secret',),
}
JSON_COLUMNS = {('referral', 'children'), ('referral', 'contact'), ('referral_draft', 'answers')}


def _as_text(value):
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _rewrite(transform):
    connection = op.get_bind()
    for table, columns in COLUMNS.items():
        rows = connection.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table}")).fetchall()
        for row in rows:
            values = {name: transform(_as_text(value)) for name, value in zip(columns, row[1:])}
            sets = ', '.join(f"{name} = :{name}" for name in columns)
            connection.execute(sa.text(f"UPDATE {table} SET {sets} WHERE id = :id"), {**values, 'id': row[0]})


def upgrade():
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table) as batch_op:
            for name in columns:
                batch_op.alter_column(
                    name, type_=sa.Text(), existing_nullable=True, postgresql_using=f"{name}::text"
                )
    _rewrite(lambda value: value if value is None or value.startswith(PREFIX) else encrypt(value))


def downgrade():
    _rewrite(lambda value: None if value is None else decrypt(value))
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table) as batch_op:
            for name in columns:
                if (table, name) in JSON_COLUMNS:
                    batch_op.alter_column(name, type_=sa.JSON(), postgresql_using=f"{name}::json")
                elif name == 'totp_secret':
                    batch_op.alter_column(name, type_=sa.String(length=64))
