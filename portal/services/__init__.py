"""What the product does. Views and commands call these; these call the data layer."""
