"""Teaching tools built on the engines: editions, the nbgrader course, the gradebook, Voila."""
