"""The local stack: template.yaml emulated on an embedded AWS endpoint (moto's server)."""
