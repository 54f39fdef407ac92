"""Wrong continuation codes, counted per browser, phone and address

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 01:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'code_failure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('who', sa.String(length=64), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_code_failure_who', 'code_failure', ['who'])


def downgrade():
    op.drop_index('ix_code_failure_who', table_name='code_failure')
    op.drop_table('code_failure')
