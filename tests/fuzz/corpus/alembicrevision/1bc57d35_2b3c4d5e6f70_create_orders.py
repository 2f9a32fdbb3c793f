"""create orders

Revision ID: 2b3c4d5e6f70
Revises: 1a2b3c4d5e6f
Create Date: 2026-01-12 10:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision: str = "2b3c4d5e6f70"
down_revision: str = "1a2b3c4d5e6f"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("customer_id", sa.Integer, sa.ForeignKey("customer.id"), nullable=False),
        sa.Column("total", sa.Numeric(10, 2), nullable=False, server_default="0"),
    )


def downgrade():
    op.drop_table("orders")
