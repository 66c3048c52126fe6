"""The Textual app. It drives the engine and shows what it returns; it holds no rules."""
