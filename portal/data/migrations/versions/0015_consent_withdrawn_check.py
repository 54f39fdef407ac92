"""Consent records keep a keyed hash of the check a family withdrew with

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08 02:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consent_record') as batch_op:
        batch_op.add_column(sa.Column('withdrawn_check', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('consent_record') as batch_op:
        batch_op.drop_column('withdrawn_check')
