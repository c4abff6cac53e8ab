"""Faces drawn in code: distinct per resident, following the mood, never crashing on bad assets."""

from __future__ import annotations

import logging

import pygame
import pytest

from engine import load_scenario
from simulator.window import portraits
from simulator.window.portraits import PLACEHOLDER, PortraitSource, derived_spec, draw_face
from tests.conftest import SHIPPED


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    pygame.display.set_mode((64, 64))
    portraits._warned.clear()
    yield
    pygame.quit()


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


def test_a_resident_always_gets_the_same_face_and_two_residents_different_ones():
    assert derived_spec("ineke") == derived_spec("ineke")
    specs = {derived_spec(rid) for rid in ("ineke", "bert", "samira", "ruud", "marloes", "dennis", "riet")}
    assert len(specs) == 7


def test_the_expression_follows_calmness():
    spec = derived_spec("bert")
    calm, upset = draw_face(spec, 1.0, 96), draw_face(spec, 0.0, 96)
    assert calm.get_size() == upset.get_size() == (96, 96)
    assert pixels(calm) != pixels(upset)


def test_a_missing_portrait_draws_a_face_from_the_id_and_warns(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        source = PortraitSource("nieuw", "bestaat-niet", folder=tmp_path)
        surface = source.render(0.5, 80)
    assert surface.get_size() == (80, 80)
    assert source.spec == derived_spec("nieuw")
    assert "bestaat-niet" in caplog.text


@pytest.mark.parametrize("name, content", [("kapot.json", "{niet json"), ("kapot.png", "geen plaatje")])
def test_a_broken_portrait_file_gives_a_neutral_placeholder_and_a_warning(tmp_path, caplog, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        source = PortraitSource("iemand", "kapot", folder=tmp_path)
        surface = source.render(0.2, 64)
    assert source.spec == PLACEHOLDER and surface.get_size() == (64, 64)
    assert "kapot" in caplog.text


def test_a_png_portrait_is_cropped_to_a_circle(tmp_path):
    image = pygame.Surface((40, 60))
    image.fill((200, 30, 30))
    pygame.image.save(image, str(tmp_path / "foto.png"))
    surface = PortraitSource("x", "foto", folder=tmp_path).render(0.5, 50)
    assert surface.get_size() == (50, 50)
    assert surface.get_at((25, 25))[:3] == (200, 30, 30) and surface.get_at((0, 0))[3] == 0


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_resident_has_a_portrait_file(path, caplog):
    scenario = load_scenario(str(path))
    with caplog.at_level(logging.WARNING):
        for r in scenario.residents:
            PortraitSource(r.id, r.portrait).render(0.5, 48)
    assert caplog.text == ""


def test_a_portrait_file_nested_far_too_deep_or_a_photo_of_gigapixels_shows_a_placeholder(tmp_path):
    """A drawing nested thousands deep crashed the meeting; a 1 MB PNG that decodes to 20000x20000
    froze the window for seconds at gigabytes of memory. Both now show the placeholder face."""
    import struct
    import zlib
    (tmp_path / "diep.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    assert PortraitSource("ineke", "diep", tmp_path).spec == PLACEHOLDER

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 20000, 20000, 1, 0, 0, 0, 0)  # one bit per pixel: a small file
    (tmp_path / "groot.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    source = PortraitSource("ineke", "groot", tmp_path)
    assert source.image is None and source.spec == PLACEHOLDER


def test_an_expression_image_of_gigapixels_is_refused_like_the_portrait_itself(tmp_path):
    """``NAME-angry.png`` beside ``NAME.png`` was decoded without the size guard: a 8 KB file took
    350 MB. It is refused now and the portrait's own image stands in."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    small = pygame.Surface((16, 16))
    pygame.image.save(small, str(tmp_path / "gezicht.png"))
    header = struct.pack(">IIBBBBB", 20000, 20000, 1, 0, 0, 0, 0)
    (tmp_path / "gezicht-angry.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    source = PortraitSource("ineke", "gezicht", tmp_path)
    assert source.image is not None
    assert source._emotion_image("angry") is source.image
    assert source.figure("angry", 120).get_width() == 120
