"""Documents and media: the file store, media checks, public copies, text."""
