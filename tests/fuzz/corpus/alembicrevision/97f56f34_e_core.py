"""e_core

Revision ID: eee
Revises: bbb
Create Date: 2026-01-05 12:00:00

"""
revision = 'eee'
down_revision = 'bbb'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
