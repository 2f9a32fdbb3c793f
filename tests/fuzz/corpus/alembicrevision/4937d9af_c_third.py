"""c_third

Revision ID: ccc
Revises: bbb
Create Date: 2026-01-03 12:00:00

"""
revision = 'ccc'
down_revision = 'bbb'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
