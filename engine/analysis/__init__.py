"""What a scenario allows: the state graph, best and worst achievable, statistics and playability."""
