"""Every Qt widget and the Qt bridge. pyqtgraph is imported lazily, only by the progress view."""
