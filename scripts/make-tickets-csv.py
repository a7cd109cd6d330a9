#!/usr/bin/env python3
"""Writes N new complaints as a tickets CSV for `cdesk import tickets`, naming customers
C000001..C<customers> of a demo store: the file the import benchmark in the README reads.

    scripts/make-tickets-csv.py 500000 40000 > /tmp/tickets.csv
"""
import random
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 500_000
customers = int(sys.argv[2]) if len(sys.argv) > 2 else 40_000
first_id = int(sys.argv[3]) if len(sys.argv) > 3 else 5_000_000
rng = random.Random(7)
reasons = ["product-quality", "wrong-item", "delivery-delay", "delivery-cost", "competitor-price",
           "service", "moved-region", "misuse", "other"]
channels = ["email", "chat", "phone", "marketplace", "review", "sms"]
priorities = ["low", "normal", "normal", "normal", "high", "urgent"]
words = ["Заказ", "задерживается", "курьер", "не", "приехал", "товар", "сломан", "цвет", "другой",
         "доставка", "дорогая", "вернуть", "деньги", "order", "late", "wrong", "size", "ещё", "жду"]
out = sys.stdout
out.write("id,customer_id,order_id,channel,reason,subject,status,priority,created_at\n")
for i in range(count):
    subject = " ".join(rng.choice(words) for _ in range(rng.randint(3, 7)))
    if rng.random() < 0.1:
        subject = '"' + (subject + ', "срочно"').replace('"', '""') + '"'
    day = rng.randint(1, 28)
    out.write(f"T{first_id + i},C{rng.randint(1, customers):06d},,{rng.choice(channels)},{rng.choice(reasons)},"
              f"{subject},new,{rng.choice(priorities)},2026-11-{day:02d}T{rng.randint(0, 23):02d}:15:00Z\n")
