"""Hand-overs the portal refused, counted for operators

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08 02:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'handover_refusal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.String(length=32), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_handover_refusal_at', 'handover_refusal', ['at'])


def downgrade():
    op.drop_index('ix_handover_refusal_at', table_name='handover_refusal')
    op.drop_table('handover_refusal')
