"""c_reports

Revision ID: ccc
Revises: 
Create Date: 2026-01-03 12:00:00

"""
revision = 'ccc'
down_revision = None
branch_labels = 'reports'
depends_on = 'core'


def upgrade():
    pass


def downgrade():
    pass
