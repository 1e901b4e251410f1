"""The model: scikit-learn estimators (``estimators``, ``build``) and models on disk (``store``)."""
