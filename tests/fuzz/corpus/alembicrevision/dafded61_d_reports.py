"""d_reports

Revision ID: ddd
Revises: ccc
Create Date: 2026-01-04 12:00:00

"""
revision = 'ddd'
down_revision = 'ccc'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
