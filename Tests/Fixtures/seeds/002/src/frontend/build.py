"""The frontend's build: renders index.html into the output directory."""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
source = os.path.join(os.path.dirname(__file__), "index.html")
page = open(source).read().replace("%BUILT%", "built by the frontend builder stage")
open(os.path.join(out, "index.html"), "w").write(page)
