package com.tokyoia.persistence.domain.agent;

public enum AgentStatus { ACTIVE, PAUSED, RETIRED }
