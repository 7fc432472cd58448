"""A searchable web archive of diplomatic news."""
