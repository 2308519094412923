"""Wage-arrears intake assistant: actions, lead store, command line and front ends."""
