"""a_first

Revision ID: aaa
Revises: ccc
Create Date: 2026-01-01 12:00:00

"""
revision = 'aaa'
down_revision = 'ccc'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
