"""Shared fixtures. The suite tests the installed wheel, never the source tree."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import scrubjay

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def scrubber() -> scrubjay.Scrubber:
    return scrubjay.Scrubber()


@pytest.fixture(scope="session")
def conformance_path() -> Path:
    return Path(os.environ.get("SCRUBJAY_CONFORMANCE", REPO / "conformance" / "cases.json"))
