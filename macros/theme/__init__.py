"""Theme: changes to what Material writes: the Content-Security-Policy, and patches to its built JavaScript."""
