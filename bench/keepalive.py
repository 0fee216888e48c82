#!/usr/bin/env python3
"""Time per request of a client that keeps its connection open (requests.Session, as a browser or schemathesis does)
against the local stack, with the gateway's TCP_NODELAY off and on, the two stacks alternating.
Usage, after mvn package: python3 bench/keepalive.py [rounds]"""
import os, socket, subprocess, sys, time, statistics
import requests

JAR = "local/target/omnicanal-local.jar:local/target/lib/*"
ROUTES = [("GET", "/stores", None), ("GET", "/customers/me", None), ("POST", "/reservations", '{"sku":"none"}')]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(nodelay, n=50):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    stack = subprocess.Popen(["java", f"-Dsun.net.httpserver.nodelay={nodelay}", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                              "-cp", JAR, "com.omnicanal.local.LocalStack"], env={**os.environ, "PORT": str(port)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                if requests.get(base + "/_local/health", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(1)
        session = requests.Session()
        token = session.post(base + "/_local/tokens", data='{"sub":"keepalive","role":"customer"}').json()["token"]
        headers = {"Authorization": "Bearer " + token}
        result = {}
        for method, path, body in ROUTES:
            for _ in range(5):  # uncounted
                session.request(method, base + path, headers=headers, data=body)
            start = time.perf_counter()
            for _ in range(n):
                session.request(method, base + path, headers=headers, data=body)
            result[f"{method} {path}"] = (time.perf_counter() - start) * 1000 / n
        return result
    finally:
        stack.terminate()
        stack.wait()


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    samples = {False: [], True: []}
    for _ in range(rounds):
        for nodelay in (False, True):
            samples[nodelay].append(measure(str(nodelay).lower()))
    print("| request (keep-alive, 50 each) | TCP_NODELAY off, ms | on, ms |")
    print("| --- | ---: | ---: |")
    for method, path, _ in ROUTES:
        key = f"{method} {path}"
        off = statistics.median(s[key] for s in samples[False])
        on = statistics.median(s[key] for s in samples[True])
        print(f"| {key} | {off:.1f} | {on:.1f} |")


if __name__ == "__main__":
    main()
