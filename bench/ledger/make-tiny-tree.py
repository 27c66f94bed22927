#!/usr/bin/env python3
"""Makes the tiny-files set of the ledger benchmarks: COUNT files of 64 random bytes under ROOT in 400 folders.
Usage: make-tiny-tree.py ROOT COUNT   (run.sh's set (c) and bundle.sh's run tree both use it)"""
import os
import sys

root, count = sys.argv[1], int(sys.argv[2])
folders = 400
data = os.urandom(64 * count)
for d in range(folders):
    os.makedirs(f"{root}/d{d:03d}", exist_ok=True)
for i in range(count):
    with open(f"{root}/d{i % folders:03d}/f{i:07d}", "wb") as f:
        f.write(data[64 * i:64 * (i + 1)])
