"""The local Redis the app's processes share (control.py)."""
