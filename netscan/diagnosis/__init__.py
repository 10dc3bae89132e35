"""Diagnosis: what the network is good for, judged against the goals the person states."""

from __future__ import annotations
