#!/usr/bin/env python3
"""Hostile HTTP clients for bench/drill-bad-input.sh (raw sockets, loopback only).

  bad_input.py cookies PORT [COUNT]        malformed SESSION cookies against several pages
  bad_input.py requests PORT COOKIE_FILE   GET /bench/counter once per cookie; status per line
  bad_input.py l7 PORT TOKEN               unauthorized PUT /monitor/l7check, state checked after each

Each subcommand prints "COUNTS key=value ..." as its last line; the cookies and l7 subcommands
also print what they sent, one line per category.
"""

import base64
import os
import random
import socket
import sys
import uuid
from collections import Counter

HOST = "127.0.0.1"


def http(port, method, path, headers=(), body=b"", source=None, timeout=15):
    """Send one request on a fresh connection; return the status code, or a string naming the
    failure ("closed" when the server closed the connection without an answer)."""
    lines = [f"{method} {path} HTTP/1.1".encode(), f"Host: {HOST}:{port}".encode()]
    for name, value in headers:
        lines.append(name.encode() + b": " + (value if isinstance(value, bytes) else value.encode("latin-1")))
    if body or method in ("PUT", "POST"):
        lines.append(f"Content-Length: {len(body)}".encode())
    lines.append(b"Connection: close")
    request = b"\r\n".join(lines) + b"\r\n\r\n" + body
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        if source:
            sock.bind((source, 0))
        sock.connect((HOST, port))
        sock.sendall(request)
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
        if not data:
            return "closed"
        parts = data.split(b"\r\n", 1)[0].split(b" ")
        return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else "garbled"
    except socket.timeout:
        return "timeout"
    except ConnectionResetError:
        return "reset"
    except OSError as ex:
        return "oserror:" + type(ex).__name__
    finally:
        sock.close()


def b64(raw):
    return base64.b64encode(raw if isinstance(raw, bytes) else raw.encode("utf-8")).decode()


HOSTILE_STRINGS = [
    "' OR '1'='1", "1; DROP TABLE SPRING_SESSION;--", "\" OR \"\"=\"", "admin'--", "1 UNION SELECT * FROM SPRING_SESSION",
    "${jndi:ldap://127.0.0.1:1/a}", "${jndi:rmi://127.0.0.1:1/a}", "${${lower:j}ndi:ldap://127.0.0.1:1/a}",
    "#{T(java.lang.Runtime).getRuntime().exec('id')}", "${T(java.lang.System).exit(1)}", "%{(#_memberAccess)}",
    "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "\x00", "\x00" * 40,
    "abcdefghijklmnop\r\nflush_all\r\n", "abcdefghijklmnop\r\ndelete x\r\n", "key with spaces but long enough",
    "a" * 129, "a" * 251, "a" * 5000, "-" * 16, "_" * 128, "\u202e\u0000\uffff", "\U0001F4A9" * 20,
    "*", "spring:session:sessions:*", "KEYS *", "FLUSHALL", "\r\nFLUSHALL\r\n", "<script>alert(1)</script>",
    "{\"$gt\": \"\"}", "null", "undefined", "NaN", "-1", "0" * 64, "%s%s%s%s%n", "\\u0000",
]


def cookie_values(count, rng):
    """Yield (category, raw cookie header value) pairs, at least COUNT of them."""
    fixed = []
    for text in HOSTILE_STRINGS:
        fixed.append(("hostile-base64", "SESSION=" + b64(text)))
        safe = "".join(c for c in text if 0x21 <= ord(c) <= 0x7E and c not in ";,\"\\")
        if safe:
            fixed.append(("hostile-raw", "SESSION=" + safe))
    for size in (4096, 8000, 8200, 16384, 65536):
        fixed.append(("overlong", "SESSION=" + "A" * size))
        fixed.append(("overlong-base64", "SESSION=" + b64(os.urandom(size * 3 // 4))))
    fixed += [
        ("empty", "SESSION="), ("no-equals", "SESSION"), ("only-equals", "="), ("many-equals", "SESSION====="),
        ("duplicate", "SESSION=" + b64(str(uuid.uuid4())) + "; SESSION=" + b64(str(uuid.uuid4()))),
        ("duplicate-garbage", "SESSION=%%%; SESSION=" + b64("' OR 1=1")),
        ("many-cookies", "; ".join(f"c{i}=v{i}" for i in range(1000)) + "; SESSION=" + b64(str(uuid.uuid4()))),
        ("quoted", "SESSION=\"" + b64(str(uuid.uuid4())) + "\""),
        ("tab", "SESSION=\t" + b64(str(uuid.uuid4())) + "\t"),
        ("obs-text", b"SESSION=" + bytes(range(0x80, 0x100))),
        ("nul", b"SESSION=abc\x00def"), ("del", b"SESSION=abc\x7fdef"), ("bare-cr", b"SESSION=abc\rdef"),
        ("base64url", "SESSION=" + base64.urlsafe_b64encode(os.urandom(48)).decode()),
        ("padding", "SESSION=" + b64(str(uuid.uuid4())).rstrip("=") + "===="),
        ("id-128", "SESSION=" + b64("a" * 128)), ("id-16", "SESSION=" + b64("b" * 16)),
        ("id-15", "SESSION=" + b64("c" * 15)), ("id-129", "SESSION=" + b64("d" * 129)),
    ]
    yield from fixed
    generators = [
        ("random-base64", lambda: "SESSION=" + b64(os.urandom(rng.randint(1, 300)))),
        ("random-uuid", lambda: "SESSION=" + b64(str(uuid.uuid4()))),
        ("raw-uuid", lambda: "SESSION=" + str(uuid.uuid4())),
        ("random-printable", lambda: "SESSION=" + "".join(
            chr(rng.choice([c for c in range(0x21, 0x7F) if chr(c) not in ";,\"\\"])) for _ in range(rng.randint(1, 200)))),
        ("non-base64", lambda: "SESSION=" + "".join(rng.choice("!#$%&'()*+-.:<>?@[]^_`{|}~") for _ in range(rng.randint(1, 100)))),
        ("base64-of-binary-id", lambda: "SESSION=" + b64(bytes(rng.randint(0, 255) for _ in range(rng.randint(16, 64))))),
        ("base64-hostile-mix", lambda: "SESSION=" + b64(rng.choice(HOSTILE_STRINGS) + str(uuid.uuid4()))),
        ("truncated-base64", lambda: "SESSION=" + b64(str(uuid.uuid4()))[: rng.randint(1, 47)]),
    ]
    for i in range(max(0, count - len(fixed))):
        category, make = generators[i % len(generators)]
        yield category, make()


PATHS = ["/bench/counter", "/session", "/", "/monitor/l7check", "/login", "/actuator/health"]


def cookies(port, count):
    rng = random.Random(5)
    statuses = Counter()
    by_category = {}
    sent = 0
    for category, value in cookie_values(count, rng):
        path = PATHS[sent % len(PATHS)]
        status = http(port, "GET", path, [("Cookie", value.encode("latin-1") if isinstance(value, str) else value)])
        sent += 1
        statuses[status] += 1
        by_category.setdefault(category, Counter())[status] += 1
    for category, counter in sorted(by_category.items()):
        print(f"  {category:22} " + " ".join(f"{k}:{v}" for k, v in sorted(counter.items(), key=str)))
    s5xx = sum(v for k, v in statuses.items() if isinstance(k, int) and k >= 500)
    failures = sum(v for k, v in statuses.items() if not isinstance(k, int))
    print("  statuses: " + " ".join(f"{k}:{v}" for k, v in sorted(statuses.items(), key=str)))
    print(f"COUNTS sent={sent} s5xx={s5xx} no_answer={failures}")


def requests(port, cookie_file):
    statuses = Counter()
    with open(cookie_file) as lines:
        for line in lines:
            cookie = line.strip()
            if cookie:
                status = http(port, "GET", "/bench/counter", [("Cookie", cookie)])
                statuses[status] += 1
                print(f"{cookie} {status}")
    s5xx = sum(v for k, v in statuses.items() if isinstance(k, int) and k >= 500)
    print("COUNTS " + " ".join(f"s{k}={v}" for k, v in sorted(statuses.items(), key=str)) + f" s5xx_total={s5xx}")


def l7_state(port):
    return http(port, "GET", "/monitor/l7check")


def l7(port, token):
    authorized = [("Content-Type", "text/plain"), ("X-L7-Token", token)]

    def put(body, source="127.0.0.1", headers=()):
        return http(port, "PUT", "/monitor/l7check", list(headers), body.encode(), source=source)

    # Positive control: an allowed client with the token does change the state.
    control = [put("DOWN", headers=authorized), l7_state(port), put("UP", headers=authorized), l7_state(port)]
    print(f"  control (127.0.0.1 with the token): PUT DOWN {control[0]} -> GET {control[1]}; PUT UP {control[2]} -> GET {control[3]}")
    # An accepted PUT answers the new state: 503 DOWN, 200 UP.
    if control != [503, 503, 200, 200]:
        print("COUNTS control_failed=1")
        return
    wrong_tokens = {
        "no token": None, "empty token": "", "wrong token": "x" * len(token), "token prefix": token[:-1],
        "token plus a character": token + "x", "token in other case": token.swapcase(),
        "token in another header": ("X-L7-Tokens", token), "token as bearer": ("Authorization", "Bearer " + token),
    }
    forwarded = {
        "no forwarded header": [], "X-Forwarded-For 127.0.0.1": [("X-Forwarded-For", "127.0.0.1")],
        "X-Forwarded-For chain": [("X-Forwarded-For", "127.0.0.1, 127.0.0.1")],
        "Forwarded for=127.0.0.1": [("Forwarded", "for=127.0.0.1;proto=http")],
        "X-Real-IP 127.0.0.1": [("X-Real-IP", "127.0.0.1")], "X-Forwarded-For ::1": [("X-Forwarded-For", "::1")],
        "all of them": [("X-Forwarded-For", "127.0.0.1"), ("Forwarded", "for=127.0.0.1"), ("X-Real-IP", "127.0.0.1"),
                        ("X-Forwarded-Host", "127.0.0.1"), ("X-Client-IP", "127.0.0.1")],
    }
    sources = ["127.0.0.2", "127.0.0.3", "127.0.0.1"]
    statuses = Counter()
    changes = 0
    sent = 0
    per_case = Counter()
    for start_state, body, expected in (("UP", "DOWN", 200), ("DOWN", "UP", 503)):
        if start_state == "DOWN":
            put("DOWN", headers=authorized)
        for source in sources:
            for token_case, token_value in wrong_tokens.items():
                for forwarded_case, forwarded_headers in forwarded.items():
                    for content_type in ("text/plain", "application/json"):
                        headers = [("Content-Type", content_type)] + forwarded_headers
                        if isinstance(token_value, tuple):
                            headers.append(token_value)
                        elif token_value is not None:
                            headers.append(("X-L7-Token", token_value))
                        status = put(body, source, headers)
                        sent += 1
                        statuses[status] += 1
                        per_case[(source, status)] += 1
                        after = l7_state(port)
                        if after != expected:
                            changes += 1
                            print(f"  STATE CHANGED by {source} {token_case} {forwarded_case} {content_type}: now {after}")
                            put(start_state, headers=authorized)
            if source != "127.0.0.1":
                # The right token from a refused address.
                for forwarded_case, forwarded_headers in forwarded.items():
                    status = put(body, source, authorized + forwarded_headers)
                    sent += 1
                    statuses[status] += 1
                    per_case[(source, status)] += 1
                    after = l7_state(port)
                    if after != expected:
                        changes += 1
                        print(f"  STATE CHANGED by {source} with the right token, {forwarded_case}: now {after}")
                        put(start_state, headers=authorized)
    put("UP", headers=authorized)
    for (source, status), n in sorted(per_case.items(), key=str):
        print(f"  from {source}: {status} x {n}")
    s5xx = sum(v for k, v in statuses.items() if isinstance(k, int) and k >= 500)
    not_403 = sum(v for k, v in statuses.items() if k != 403)
    print(f"COUNTS sent={sent} s5xx={s5xx} not_403={not_403} state_changes={changes} final_state={l7_state(port)}")


def main():
    command = sys.argv[1]
    port = int(sys.argv[2])
    if command == "cookies":
        cookies(port, int(sys.argv[3]) if len(sys.argv) > 3 else 1200)
    elif command == "requests":
        requests(port, sys.argv[3])
    elif command == "l7":
        l7(port, sys.argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
