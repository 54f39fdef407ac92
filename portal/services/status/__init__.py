"""How the service is: the health checks behind /healthz."""
