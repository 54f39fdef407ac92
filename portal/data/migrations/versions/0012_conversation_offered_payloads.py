"""Conversations remember the button payloads last offered

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 01:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('chat_conversation') as batch_op:
        batch_op.add_column(sa.Column('offered', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('chat_conversation') as batch_op:
        batch_op.drop_column('offered')
