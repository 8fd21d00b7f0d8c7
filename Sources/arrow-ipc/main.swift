print("arrow-ipc: under construction")
