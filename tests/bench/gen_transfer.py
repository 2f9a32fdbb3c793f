#!/usr/bin/env python3
"""Writes the transfer benchmark's SQLite database: customers (200,000 rows) and orders
(1,000,000 rows) with text, real, numeric, datetime text, blob and boolean columns; a primary
key on each, a unique email, a foreign key orders.customer_id -> customers.id and two indexes.

    gen_transfer.py OUT.db [TOTAL_ROWS] [--into-existing]
                                           (default 1,200,000; one sixth are customers)

--into-existing: OUT.db already has the tables (built by tests/bench/transfer_migrations with
strata-cli up); only the rows are written, the same ones.
"""
import os
import random
import sqlite3
import sys

args = [a for a in sys.argv[1:] if a != "--into-existing"]
existing = "--into-existing" in sys.argv
out = args[0]
total = int(args[1]) if len(args) > 1 else 1_200_000
n_customers = total // 6
n_orders = total - n_customers
if os.path.exists(out) and not existing:
    os.remove(out)
rnd = random.Random(42)
db = sqlite3.connect(out)
db.executescript("""
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
""")
if not existing:
    db.executescript("""
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    balance REAL,
    score NUMERIC(10,2),
    created DATETIME NOT NULL,
    active BOOLEAN NOT NULL,
    avatar BLOB
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    amount NUMERIC(12,2) NOT NULL,
    weight REAL,
    placed DATETIME NOT NULL,
    paid BOOLEAN NOT NULL,
    note TEXT
);
""")
words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
         "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
         "Zoë", "Ærø", "Łódź", "東京"]


def stamp():
    return "20%02d-%02d-%02d %02d:%02d:%02d" % (rnd.randint(10, 24), rnd.randint(1, 12), rnd.randint(1, 28),
                                                rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59))


def customers():
    for i in range(1, n_customers + 1):
        yield (i, "user%d@example.com" % i, "%s %s" % (rnd.choice(words), rnd.choice(words)),
               rnd.uniform(-1000, 100000) if i % 10 else None, round(rnd.uniform(0, 100), 2), stamp(),
               rnd.randint(0, 1), rnd.randbytes(16) if i % 3 else None)


def orders():
    for i in range(1, n_orders + 1):
        yield (i, rnd.randint(1, n_customers), round(rnd.uniform(1, 5000), 2), rnd.random() * 50, stamp(),
               rnd.randint(0, 1), " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 8))) if i % 5 else None)


db.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?)", customers())
db.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?)", orders())
if not existing:
    db.executescript("""
CREATE INDEX orders_customer ON orders(customer_id);
CREATE INDEX orders_placed ON orders(placed);
""")
db.commit()
db.close()
