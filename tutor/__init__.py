"""Tuteur Usinage: an offline French knowledge base and tutor for CNC machining technicians."""

__version__ = "0.1.0"
