"""Every consent wording shown, kept write-once by its version

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-08 02:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'consent_wording',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.String(length=16), nullable=False),
        sa.Column('lang', sa.String(length=8), nullable=False),
        sa.Column('front_door', sa.Text(), nullable=False),
        sa.Column('partners', sa.Text(), nullable=False),
        sa.Column('own', sa.Text(), nullable=False),
        sa.Column('english_version', sa.String(length=16), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('version'),
    )


def downgrade():
    op.drop_table('consent_wording')
