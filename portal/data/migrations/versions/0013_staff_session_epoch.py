"""Staff accounts count their sessions' generation, so sign-out ends every session

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08 01:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('staff_user') as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('staff_user') as batch_op:
        batch_op.drop_column('session_epoch')
