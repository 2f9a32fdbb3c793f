"""index orders by customer

Revision ID: 6f7081920314
Revises: 5e6f70819203
Create Date: 2026-03-01 11:00:00.000000

"""
from alembic import op

revision = '6f7081920314'
down_revision = '5e6f70819203'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("orders_customer_idx", "orders", ["customer_id"])


def downgrade():
    op.drop_index("orders_customer_idx", table_name="orders")
