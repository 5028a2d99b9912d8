"""The screens a patient touches: the window, one module per screen, shared touch widgets."""
