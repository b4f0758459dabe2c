"""Unit tests of the generator."""
