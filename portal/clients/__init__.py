"""The only modules that talk to outside services over the network."""
