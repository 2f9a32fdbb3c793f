"""create invoice

Revision ID: 4d5e6f708192
Revises: 2b3c4d5e6f70
Create Date: 2026-02-03 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "4d5e6f708192"
down_revision = "2b3c4d5e6f70"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "invoice",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id"), nullable=False),
        sa.Column("issued", sa.Date, nullable=False),
    )


def downgrade():
    op.drop_table("invoice")
