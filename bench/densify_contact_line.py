#!/usr/bin/env python3
"""Copies the default scenario to OUT with its contact line densified to about N positions
(linear interpolation between the 24 hand-drawn vertices), to measure the geometry on a long
line (docs/models/geometry.md):

    python3 bench/densify_contact_line.py /tmp/dense 100000
    /usr/bin/time -f "%e s wall, %U s user" build/release/reassure validate /tmp/dense/scenario.yaml
"""
import json
import math
import shutil
import sys
from pathlib import Path

out = Path(sys.argv[1])
points = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
source = Path(__file__).resolve().parent.parent / "scenarios" / "coalition"
shutil.copytree(source, out, dirs_exist_ok=True)
line = json.loads((source / "contact-line.geojson").read_text())
coords = line["features"][0]["geometry"]["coordinates"]
lengths = [math.dist(a, b) for a, b in zip(coords, coords[1:])]
dense = []
for (a, b), length in zip(zip(coords, coords[1:]), lengths):
    steps = max(1, round((points - 1) * length / sum(lengths)))
    for j in range(steps):
        t = j / steps
        dense.append([round(a[0] + t * (b[0] - a[0]), 6), round(a[1] + t * (b[1] - a[1]), 6)])
dense.append(coords[-1])
line["features"][0]["geometry"]["coordinates"] = dense
(out / "contact-line.geojson").write_text(json.dumps(line, indent=0))
print(f"{out / 'contact-line.geojson'}: {len(dense)} positions")
