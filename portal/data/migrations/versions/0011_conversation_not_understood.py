"""Conversations count the turns in a row the assistant could not answer

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 22:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('chat_conversation') as batch_op:
        batch_op.add_column(sa.Column('not_understood', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('chat_conversation') as batch_op:
        batch_op.drop_column('not_understood')
