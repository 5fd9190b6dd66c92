"""Celery tasks of the awards app, where the worker's discovery looks for them."""

from __future__ import annotations

from .shortlist import shortlist_build_task

__all__ = ["shortlist_build_task"]
