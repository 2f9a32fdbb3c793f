"""add customer email

Revision ID: 3c4d5e6f7081
Revises: 2b3c4d5e6f70
Create Date: 2026-02-01 08:15:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '3c4d5e6f7081'
down_revision = '2b3c4d5e6f70'
branch_labels = ('contact',)
depends_on = None


def upgrade():
    op.add_column("customer", sa.Column("email", sa.String(200)))
    op.execute("UPDATE customer SET email = lower(name) || '@example.com'")


def downgrade():
    op.drop_column("customer", "email")
