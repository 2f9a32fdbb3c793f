"""b_one

Revision ID: bbb
Revises: aaa
Create Date: 2026-01-02 12:00:00

"""
revision = 'bbb'
down_revision = 'aaa'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
