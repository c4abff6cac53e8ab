"""The engine stays headless: importing it must not import pygame."""

import subprocess
import sys

from tests.conftest import ROOT


def test_engine_never_imports_pygame():
    code = ("import sys, engine, engine.analysis.graph, engine.debrief.review, engine.play.plans, "
            "engine.analysis.playability;"
            "print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_engine_source_has_no_pygame_import_eval_or_unsafe_yaml():
    for path in (ROOT / "engine").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import pygame" not in text, path
        assert "eval(" not in text and "exec(" not in text, path
        assert "yaml.load(" not in text or "SafeLoader" in text, path
        assert "unsafe_load" not in text and "FullLoader" not in text, path
