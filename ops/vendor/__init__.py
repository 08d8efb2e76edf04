"""Scripts that vendor third-party front-end files and data (see service/static/vendor/README.md)."""
