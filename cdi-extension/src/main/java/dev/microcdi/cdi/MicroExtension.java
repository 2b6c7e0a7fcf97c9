package dev.microcdi.cdi;

import dev.microcdi.api.MicroClient;
import dev.microcdi.api.MicroService;
import dev.microcdi.api.Topic;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.Publisher;
import dev.microcdi.api.client.AttemptListener;
import dev.microcdi.api.client.Client;
import dev.microcdi.api.client.ClientInterceptor;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.selector.Selector;
import dev.microcdi.api.server.CallContext;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.Server;
import dev.microcdi.api.server.ServerInterceptor;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.api.stream.EventStream;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The portable extension of micro-cdi.
 *
 * <ul>
 *   <li>Finds every bean marked {@link MicroService} and checks it: it must implement a contract interface
 *       whose methods all have an endpoint shape, and service names must be unique. Problems fail the
 *       deployment with a {@link DeploymentException} that names the class and the reason.</li>
 *   <li>Adds a bean for each {@code @Inject @MicroClient("svc") Contract} injection point: a proxy calling
 *       the service.</li>
 *   <li>Adds beans of the SPI types ({@link Registry}, {@link Client}, {@link Codecs}) and {@link ServerInfo},
 *       unless the application declares its own bean of that type, which then replaces the default.</li>
 *   <li>Bridges {@code @Observes @Topic} / {@code @ObservesAsync @Topic} observer methods to broker or stream
 *       subscriptions (see {@link TopicBridge}), and adds a {@link Publisher} bean for each
 *       {@code @Inject @Topic(...) Publisher<T>} injection point.</li>
 *   <li>Registers the request context of served calls ({@link CallRequestContext}): a {@code @RequestScoped}
 *       bean is one instance for the whole of a call or stream that a {@code @MicroService} bean serves.</li>
 *   <li>After the application scope starts: starts the server and registers every service. Before it ends:
 *       deregisters, stops accepting, drains calls in flight for {@code micro.server.grace}, and closes.</li>
 * </ul>
 *
 * <p>Only standard CDI APIs are used, so the extension runs on any CDI 4 container.
 */
public class MicroExtension implements Extension {
    private static final System.Logger LOG = System.getLogger(MicroExtension.class.getName());
    private static final List<Class<?>> REPLACEABLE = List.of(Registry.class, Client.class, Server.class,
            Selector.class, Codec.class, Codecs.class, AttemptListener.class, Broker.class, EventStream.class);

    private record ServiceBean(Bean<?> bean, MicroService annotation, List<Class<?>> contracts) {
    }

    private record ClientPoint(Class<?> contract, String service) {
    }

    private record RejectedPoint(Type type, MicroClient qualifier) {
    }

    private record PublisherPoint(ParameterizedType type, Topic topic) {
        String key() {
            return type.getTypeName() + "|" + topic.value() + "|" + topic.stream();
        }
    }

    private final List<ServiceBean> services = new ArrayList<>();
    private final Set<ClientPoint> clients = new LinkedHashSet<>();
    private final Set<RejectedPoint> rejected = new LinkedHashSet<>();
    private final Set<Class<?>> userProvided = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final TopicBridge topics = new TopicBridge();
    private final Map<String, PublisherPoint> publishers = new LinkedHashMap<>();
    private final CurrentCall currentCall = new CurrentCall();
    private final CallRequestContext requestContext = new CallRequestContext();
    private volatile MicroRuntime runtime;
    private volatile Client proxyClient;
    private BeanManager beanManager;

    void findServices(@Observes ProcessManagedBean<?> event) {
        MicroService annotation = event.getAnnotatedBeanClass().getAnnotation(MicroService.class);
        if (annotation == null) {
            return;
        }
        Class<?> type = event.getAnnotatedBeanClass().getJavaClass();
        List<Class<?>> contracts = Contracts.contractsOf(type);
        String where = "@MicroService " + type.getName() + ": ";
        if (annotation.name().isBlank()) {
            problems.add(where + "the service name is blank");
        }
        for (String entry : annotation.metadata()) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                problems.add(where + "metadata entry '" + entry + "' is not key=value");
            }
        }
        if (contracts.isEmpty()) {
            problems.add(where + "implements no contract interface; a service is called through an interface");
        }
        for (Class<?> contract : contracts) {
            List<String> found = new ArrayList<>();
            Contracts.inspect(contract, found);
            found.forEach(p -> problems.add(where + p));
        }
        List<String> marks = new ArrayList<>();
        BlockingMarks.check(type, contracts, marks);
        marks.forEach(p -> problems.add(where + p));
        services.add(new ServiceBean(event.getBean(), annotation, contracts));
    }

    void findUserComponents(@Observes ProcessBean<?> event) {
        Bean<?> bean = event.getBean();
        if (bean.getBeanClass() == MicroExtension.class) {
            return;
        }
        boolean defaultQualified = bean.getQualifiers().stream()
                .anyMatch(q -> q.annotationType() == Default.class);
        for (Type t : bean.getTypes()) {
            if (t instanceof Class<?> c && REPLACEABLE.contains(c) && defaultQualified) {
                userProvided.add(c);
            }
        }
    }

    void findClients(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint ip = event.getInjectionPoint();
        MicroClient qualifier = null;
        for (Annotation a : ip.getQualifiers()) {
            if (a instanceof MicroClient m) {
                qualifier = m;
            }
        }
        if (qualifier == null) {
            return;
        }
        String where = "@MicroClient(\"" + qualifier.value() + "\") at " + ip.getMember() + ": ";
        if (qualifier.value().isBlank()) {
            problems.add(where + "the service name is blank");
            return;
        }
        if (!(ip.getType() instanceof Class<?> contract) || !contract.isInterface()) {
            problems.add(where + "the injected type " + ip.getType().getTypeName() + " is not a contract interface");
            rejected.add(new RejectedPoint(ip.getType(), qualifier));
            return;
        }
        List<String> found = new ArrayList<>();
        Contracts.inspect(contract, found);
        found.forEach(p -> problems.add(where + p));
        if (found.isEmpty()) {
            clients.add(new ClientPoint(contract, qualifier.value()));
        }
    }

    void findTopicObservers(@Observes ProcessObserverMethod<?, ?> event) {
        Topic topic = null;
        for (Annotation a : event.getObserverMethod().getObservedQualifiers()) {
            if (a instanceof Topic t) {
                topic = t;
            }
        }
        if (topic == null) {
            return;
        }
        String where = "@Topic(\"" + topic.value() + "\") observer " + event.getAnnotatedMethod().getJavaMember() + ": ";
        if (topic.value().isBlank()) {
            problems.add(where + "the topic is blank");
            return;
        }
        if (!(event.getObserverMethod().getObservedType() instanceof Class<?> type)) {
            problems.add(where + "the observed type " + event.getObserverMethod().getObservedType().getTypeName()
                    + " is generic; observe a class or record");
            return;
        }
        if (topic.retryLimit() < -1) {
            problems.add(where + "retryLimit must be -1 (no limit) or more");
            return;
        }
        String key = topics.add(topic, type, event.getObserverMethod().isAsync());
        event.configureObserverMethod().addQualifier(new Received.Literal(key));
    }

    void findPublishers(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint ip = event.getInjectionPoint();
        if (!(ip.getType() instanceof ParameterizedType type) || type.getRawType() != Publisher.class) {
            return;
        }
        for (Annotation a : ip.getQualifiers()) {
            if (a instanceof Topic t) {
                if (t.value().isBlank()) {
                    problems.add("@Topic publisher at " + ip.getMember() + ": the topic is blank");
                }
                PublisherPoint point = new PublisherPoint(type, t);
                publishers.putIfAbsent(point.key(), point);
            }
        }
    }

    void addBeans(@Observes AfterBeanDiscovery event, BeanManager bm) {
        this.beanManager = bm;
        event.addContext(requestContext);
        for (ClientPoint point : clients) {
            event.addBean().beanClass(MicroExtension.class).types(point.contract(), Object.class)
                    .qualifiers(new MicroClientLiteral(point.service())).scope(Singleton.class)
                    .createWith(cc -> ClientProxy.create(point.contract(), point.service(), runtime().settings(),
                            this::proxyClient, currentCall));
        }
        // Without a bean the container would reject such a point as "unsatisfied" before our validation runs
        // and the user would never read why; the deployment fails in validate() so the bean is never created.
        for (RejectedPoint point : rejected) {
            event.addBean().beanClass(MicroExtension.class).types(point.type(), Object.class)
                    .qualifiers(point.qualifier()).scope(Singleton.class)
                    .createWith(cc -> {
                        throw new IllegalStateException("rejected @MicroClient injection point");
                    });
        }
        for (PublisherPoint point : publishers.values()) {
            event.addBean().beanClass(MicroExtension.class).types(point.type(), Object.class)
                    .qualifiers(point.topic()).scope(Singleton.class)
                    .createWith(cc -> new TypedPublisher<>(point.topic().value(),
                            point.type().getActualTypeArguments()[0], point.topic().stream(),
                            () -> runtime().codecs(), () -> runtime().broker(), () -> runtime().stream()));
        }
        addComponent(event, Broker.class, () -> runtime().broker());
        addComponent(event, EventStream.class, () -> runtime().stream());
        addComponent(event, Registry.class, () -> runtime().registry());
        addComponent(event, Client.class, () -> runtime().client());
        addComponent(event, Codecs.class, () -> runtime().codecs());
        event.addBean().beanClass(MicroExtension.class).types(ServerInfo.class, Object.class)
                .scope(Singleton.class).createWith(cc -> runtime().serverInfo());
        event.addBean().beanClass(MicroExtension.class).types(CallContext.class, Object.class)
                .scope(Singleton.class).createWith(cc -> currentCall);
    }

    /** The client behind {@code @MicroClient} proxies: the runtime's, wrapped in the client interceptor beans. */
    private Client proxyClient() {
        Client c = proxyClient;
        if (c == null) {
            synchronized (this) {
                c = proxyClient;
                if (c == null) {
                    c = ClientInterceptor.wrap(runtime().client(), byPriority(beanManager, ClientInterceptor.class));
                    proxyClient = c;
                }
            }
        }
        return c;
    }

    /** The beans of a type, lowest {@code @Priority} first (no priority counts as last). */
    private static <T> List<T> byPriority(BeanManager bm, Class<T> type) {
        List<Bean<?>> beans = new ArrayList<>(bm.getBeans(type));
        beans.removeIf(b -> b.getBeanClass() == MicroExtension.class);
        beans.sort(Comparator.comparingInt(b -> {
            Priority p = b.getBeanClass().getAnnotation(Priority.class);
            return p == null ? Integer.MAX_VALUE : p.value();
        }));
        List<T> found = new ArrayList<>();
        for (Bean<?> b : beans) {
            found.add(type.cast(bm.getReference(b, type, bm.createCreationalContext(b))));
        }
        return found;
    }

    private <T> void addComponent(AfterBeanDiscovery event, Class<T> type, java.util.function.Supplier<T> supplier) {
        if (!userProvided.contains(type)) {
            event.addBean().beanClass(MicroExtension.class).types(type, Object.class).scope(Singleton.class)
                    .createWith(cc -> supplier.get());
        }
    }

    void validate(@Observes AfterDeploymentValidation event) {
        Map<String, ServiceBean> byName = new HashMap<>();
        for (ServiceBean s : services) {
            ServiceBean other = byName.putIfAbsent(s.annotation().name(), s);
            if (other != null) {
                problems.add("@MicroService: " + other.bean().getBeanClass().getName() + " and "
                        + s.bean().getBeanClass().getName() + " both declare the service name '"
                        + s.annotation().name() + "'");
            }
        }
        for (String p : problems) {
            event.addDeploymentProblem(new DeploymentException(p));
        }
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored, BeanManager bm) {
        if (!problems.isEmpty()) {
            return;
        }
        List<ServiceDefinition> definitions = new ArrayList<>();
        RequestScopeEvents events = new RequestScopeEvents(bm);
        for (ServiceBean s : services) {
            definitions.add(definition(s, bm, events));
        }
        MicroRuntime r = runtime();
        r.start(definitions);
        if (!topics.isEmpty()) {
            topics.start(bm, r.settings(), r.codecs(), r::broker, r::stream);
        }
    }

    private ServiceDefinition definition(ServiceBean s, BeanManager bm, RequestScopeEvents events) {
        Map<String, EndpointDefinition> endpoints = new LinkedHashMap<>();
        List<ServerInterceptor> interceptors = byPriority(bm, ServerInterceptor.class);
        for (Class<?> contract : s.contracts()) {
            Object reference = bm.getReference(s.bean(), contract, bm.createCreationalContext(s.bean()));
            Map<Method, EndpointMethod> methods = Contracts.inspect(contract, new ArrayList<>());
            for (EndpointMethod e : Contracts.serverEndpoints(methods)) {
                endpoints.putIfAbsent(e.endpoint(), ServiceHandlers.definition(e,
                        BlockingMarks.blocking(s.bean().getBeanClass(), e), reference, currentCall, requestContext,
                        events, interceptors));
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String entry : s.annotation().metadata()) {
            int eq = entry.indexOf('=');
            metadata.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return new ServiceDefinition(s.annotation().name(), s.annotation().version(), metadata,
                List.copyOf(endpoints.values()));
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        shutdown();
    }

    void stopAtLast(@Observes BeforeShutdown ignored) {
        shutdown();
    }

    private void shutdown() {
        topics.stop();
        MicroRuntime r = runtime;
        if (r != null) {
            r.shutdown();
        }
    }

    private MicroRuntime runtime() {
        MicroRuntime r = runtime;
        if (r == null) {
            synchronized (this) {
                r = runtime;
                if (r == null) {
                    ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                            .orElse(MicroExtension.class.getClassLoader());
                    r = new MicroRuntime(ConfigSettings.load(loader), loader, new BeanLookup(beanManager,
                            userProvided));
                    runtime = r;
                    LOG.log(System.Logger.Level.DEBUG, "micro-cdi runtime created");
                }
            }
        }
        return r;
    }
}
