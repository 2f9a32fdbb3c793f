"""a_core

Revision ID: aaa
Revises: 
Create Date: 2026-01-01 12:00:00

"""
revision = 'aaa'
down_revision = None
branch_labels = ('core',)
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
