"""Impact tracking: read concluding observations and match a submission's asks to them."""
