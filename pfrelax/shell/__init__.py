"""The composition root's parts: what `pfrelax.app` composes into the window, one job each."""
