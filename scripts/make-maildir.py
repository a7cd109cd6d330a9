#!/usr/bin/env python3
"""make-maildir.py N DIR: write N complaint e-mails into the Maildir DIR (DIR/new, cur, tmp).

Deterministic: message i is the same in every run. About one in five answers an earlier
message of the run (In-Reply-To), one in ten has a Cyrillic base64 subject, one in twenty
is an auto-reply; customers repeat (N/3 addresses)."""
import base64, os, sys

def main():
    n, folder = int(sys.argv[1]), sys.argv[2]
    for sub in ("new", "cur", "tmp"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    people = max(1, n // 3)
    for i in range(n):
        who = i % people
        subject = f"Заказ {100000 + i} не пришёл"
        if i % 10 == 0:
            subject = "=?UTF-8?B?" + base64.b64encode(subject.encode()).decode() + "?="
        headers = [
            f"From: Покупатель {who} <buyer{who}@mail.example>",
            "To: support@shop.example",
            f"Subject: {subject}",
            f"Message-ID: <gen{i}@mail.example>",
            f"Date: Mon, 30 Nov 2026 10:{i % 60:02d}:00 +0300",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        if i % 5 == 4 and i > 5:
            headers.append(f"In-Reply-To: <gen{i - 5}@mail.example>")
        if i % 20 == 19:
            headers.append("Auto-Submitted: auto-replied")
        body = (f"Здравствуйте! Мой заказ {100000 + i} задерживается уже неделю.\n"
                "Когда его привезут?\n\n"
                f"> Ваш заказ {100000 + i} передан в доставку.\n")
        data = ("\n".join(headers) + "\n\n" + body).encode()
        with open(os.path.join(folder, "new", f"{1796000000 + i}.{i}.gen"), "wb") as f:
            f.write(data)

main()
